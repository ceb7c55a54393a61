import type { GetServerSideProps } from "next";
import Link from "next/link";
import { useRouter } from "next/router";
import { useTranslation } from "next-i18next/pages";
import { AuthCard } from "@/components/auth/auth-card";
import { SignUpForm } from "@/components/auth/sign-up-form";
import { authPageProps, type PublicPageProps } from "@/server/page-props";

export const getServerSideProps: GetServerSideProps<PublicPageProps> = authPageProps;

export default function RegisterPage({ locale }: PublicPageProps) {
	const { t } = useTranslation("common");
	const router = useRouter();
	return (
		<AuthCard
			title={t("auth.signUpTitle")}
			description={t("auth.signUpDescription")}
			locale={locale}
			footer={
				<>
					{t("auth.haveAccount")}{" "}
					<Link href="/" className="font-medium text-foreground underline">
						{t("auth.signIn")}
					</Link>
				</>
			}
		>
			<SignUpForm onSignedUp={() => router.push("/dashboard/projects")} />
		</AuthCard>
	);
}

import type { GetServerSideProps } from "next";
import Link from "next/link";
import { useRouter } from "next/router";
import { useTranslation } from "next-i18next/pages";
import { AuthCard } from "@/components/auth/auth-card";
import { SignInForm } from "@/components/auth/sign-in-form";
import { authPageProps, type PublicPageProps } from "@/server/page-props";

export const getServerSideProps: GetServerSideProps<PublicPageProps> = authPageProps;

export default function SignInPage({ locale }: PublicPageProps) {
	const { t } = useTranslation("common");
	const router = useRouter();
	return (
		<AuthCard
			title={t("auth.signInTitle")}
			description={t("auth.signInDescription")}
			locale={locale}
			footer={
				<>
					{t("auth.noAccount")}{" "}
					<Link href="/register" className="font-medium text-foreground underline">
						{t("auth.signUp")}
					</Link>
				</>
			}
		>
			<SignInForm onSignedIn={() => router.push("/dashboard/projects")} />
		</AuthCard>
	);
}

import { zodResolver } from "@hookform/resolvers/zod";
import { useTranslation } from "next-i18next/pages";
import { useForm } from "react-hook-form";
import { authClient } from "@/lib/auth-client";
import { AuthForm } from "./auth-form";
import { type SignInValues, signInSchema } from "./auth-schemas";
import { CredentialFields } from "./credential-fields";
import { useAuthSubmit } from "./use-auth-submit";

export const SignInForm = ({ onSignedIn }: { onSignedIn: () => unknown }) => {
	const { t } = useTranslation("common");
	const form = useForm<SignInValues>({
		resolver: zodResolver(signInSchema),
		defaultValues: { email: "", password: "" },
	});
	const { isSubmitting } = form.formState;
	const { failure, submit } = useAuthSubmit(
		form,
		(values) => authClient.signIn.email(values),
		(error) => (error.status === 401 ? t("auth.invalidCredentials") : t("auth.signInFailed")),
		onSignedIn,
	);

	return (
		<AuthForm
			name="signin"
			failure={failure}
			onSubmit={submit}
			submitting={isSubmitting}
			submitLabel={isSubmitting ? t("auth.signingIn") : t("auth.signIn")}
		>
			<CredentialFields form={form} name="signin" passwordAutoComplete="current-password" />
		</AuthForm>
	);
};

import { zodResolver } from "@hookform/resolvers/zod";
import { useTranslation } from "next-i18next/pages";
import { useForm } from "react-hook-form";
import { TextField } from "@/components/shared/text-field";
import { authClient } from "@/lib/auth-client";
import { AuthForm } from "./auth-form";
import { type SignUpValues, signUpSchema } from "./auth-schemas";
import { CredentialFields } from "./credential-fields";
import { useAuthSubmit } from "./use-auth-submit";

/** better-auth answers 403 when the instance has users and this address has no invitation. */
const INVITATION_REQUIRED_STATUS = 403;

export const SignUpForm = ({ onSignedUp }: { onSignedUp: () => unknown }) => {
	const { t } = useTranslation("common");
	const form = useForm<SignUpValues>({
		resolver: zodResolver(signUpSchema),
		defaultValues: { name: "", email: "", password: "" },
	});
	const { isSubmitting } = form.formState;
	const { failure, submit } = useAuthSubmit(
		form,
		(values) => authClient.signUp.email(values),
		(error) => {
			if (error.status === INVITATION_REQUIRED_STATUS) return t("auth.invitationRequired");
			if (error.status === 422) return t("auth.emailTaken");
			return error.message ?? t("auth.signUpFailed");
		},
		onSignedUp,
	);

	// Alike by shape only with SignInForm: AuthForm is the shared part; these are its props.
	return (
		<AuthForm
			name="signup"
			failure={failure}
			onSubmit={submit}
			submitting={isSubmitting}
			submitLabel={isSubmitting ? t("auth.signingUp") : t("auth.signUp")}
		>
			<TextField
				form={form}
				field="name"
				id="signup-name"
				label={t("auth.name")}
				autoComplete="name"
			/>
			<CredentialFields
				form={form}
				name="signup"
				passwordAutoComplete="new-password"
				passwordHint={t("auth.passwordHint")}
			/>
		</AuthForm>
	);
};

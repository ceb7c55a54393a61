import { zodResolver } from "@hookform/resolvers/zod";
import { useTranslation } from "next-i18next/pages";
import { useState } from "react";
import { useForm } from "react-hook-form";
import { FormField } from "@/components/shared/form-field";
import { Button } from "@/components/ui/button";
import { Input } from "@/components/ui/input";
import { authClient } from "@/lib/auth-client";
import { type SignUpValues, signUpSchema } from "./auth-schemas";
import { FormAlert } from "./form-alert";

/** better-auth answers 403 when the instance has users and this address has no invitation. */
const INVITATION_REQUIRED_STATUS = 403;

export const SignUpForm = ({ onSignedUp }: { onSignedUp: () => unknown }) => {
	const { t } = useTranslation("common");
	const [failure, setFailure] = useState<string | null>(null);
	const form = useForm<SignUpValues>({
		resolver: zodResolver(signUpSchema),
		defaultValues: { name: "", email: "", password: "" },
	});
	const { errors, isSubmitting } = form.formState;

	const submit = form.handleSubmit(async (values) => {
		setFailure(null);
		const { error } = await authClient.signUp.email(values);
		if (error) {
			if (error.status === INVITATION_REQUIRED_STATUS) setFailure(t("auth.invitationRequired"));
			else if (error.status === 422) setFailure(t("auth.emailTaken"));
			else setFailure(error.message ?? t("auth.signUpFailed"));
			return;
		}
		await onSignedUp();
	});

	return (
		<form onSubmit={submit} className="flex flex-col gap-4" noValidate>
			<FormAlert message={failure} testId="signup-error" />
			<FormField id="signup-name" field="name" label={t("auth.name")} error={errors.name}>
				<Input
					id="signup-name"
					autoComplete="name"
					data-testid="signup-name"
					aria-invalid={Boolean(errors.name)}
					{...form.register("name")}
				/>
			</FormField>
			<FormField id="signup-email" field="email" label={t("auth.email")} error={errors.email}>
				<Input
					id="signup-email"
					type="email"
					autoComplete="email"
					data-testid="signup-email"
					aria-invalid={Boolean(errors.email)}
					{...form.register("email")}
				/>
			</FormField>
			<FormField
				id="signup-password"
				field="password"
				label={t("auth.password")}
				hint={t("auth.passwordHint")}
				error={errors.password}
			>
				<Input
					id="signup-password"
					type="password"
					autoComplete="new-password"
					data-testid="signup-password"
					aria-invalid={Boolean(errors.password)}
					{...form.register("password")}
				/>
			</FormField>
			<Button type="submit" disabled={isSubmitting} data-testid="signup-submit">
				{isSubmitting ? t("auth.signingUp") : t("auth.signUp")}
			</Button>
		</form>
	);
};

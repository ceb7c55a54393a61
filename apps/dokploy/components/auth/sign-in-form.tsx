import { zodResolver } from "@hookform/resolvers/zod";
import { useTranslation } from "next-i18next/pages";
import { useState } from "react";
import { useForm } from "react-hook-form";
import { FormField } from "@/components/shared/form-field";
import { Button } from "@/components/ui/button";
import { Input } from "@/components/ui/input";
import { authClient } from "@/lib/auth-client";
import { type SignInValues, signInSchema } from "./auth-schemas";
import { FormAlert } from "./form-alert";

export const SignInForm = ({ onSignedIn }: { onSignedIn: () => unknown }) => {
	const { t } = useTranslation("common");
	const [failure, setFailure] = useState<string | null>(null);
	const form = useForm<SignInValues>({
		resolver: zodResolver(signInSchema),
		defaultValues: { email: "", password: "" },
	});
	const { errors, isSubmitting } = form.formState;

	const submit = form.handleSubmit(async (values) => {
		setFailure(null);
		const { error } = await authClient.signIn.email(values);
		if (error) {
			setFailure(error.status === 401 ? t("auth.invalidCredentials") : t("auth.signInFailed"));
			return;
		}
		await onSignedIn();
	});

	return (
		<form onSubmit={submit} className="flex flex-col gap-4" noValidate>
			<FormAlert message={failure} testId="signin-error" />
			<FormField id="signin-email" field="email" label={t("auth.email")} error={errors.email}>
				<Input
					id="signin-email"
					type="email"
					autoComplete="email"
					data-testid="signin-email"
					aria-invalid={Boolean(errors.email)}
					{...form.register("email")}
				/>
			</FormField>
			<FormField
				id="signin-password"
				field="password"
				label={t("auth.password")}
				error={errors.password}
			>
				<Input
					id="signin-password"
					type="password"
					autoComplete="current-password"
					data-testid="signin-password"
					aria-invalid={Boolean(errors.password)}
					{...form.register("password")}
				/>
			</FormField>
			<Button type="submit" disabled={isSubmitting} data-testid="signin-submit">
				{isSubmitting ? t("auth.signingIn") : t("auth.signIn")}
			</Button>
		</form>
	);
};

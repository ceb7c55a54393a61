import { useTranslation } from "next-i18next/pages";
import type { Path, UseFormReturn } from "react-hook-form";
import { TextField } from "@/components/shared/text-field";

interface Credentials {
	email: string;
	password: string;
}

/** The e-mail and password fields of the sign-in and sign-up forms; ids start with `name`. */
export const CredentialFields = <Values extends Credentials>({
	form,
	name,
	passwordAutoComplete,
	passwordHint,
}: {
	form: UseFormReturn<Values>;
	name: string;
	passwordAutoComplete: "current-password" | "new-password";
	passwordHint?: string;
}) => {
	const { t } = useTranslation("common");
	// Both are fields of every Values (it extends Credentials); TypeScript cannot resolve Path
	// of a generic type, so the names are stated as such.
	const email = "email" as Path<Values>;
	const password = "password" as Path<Values>;
	return (
		<>
			<TextField
				form={form}
				field={email}
				id={`${name}-email`}
				label={t("auth.email")}
				type="email"
				autoComplete="email"
			/>
			<TextField
				form={form}
				field={password}
				id={`${name}-password`}
				label={t("auth.password")}
				hint={passwordHint}
				type="password"
				autoComplete={passwordAutoComplete}
			/>
		</>
	);
};

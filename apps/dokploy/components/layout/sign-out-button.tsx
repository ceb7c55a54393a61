import { LogOut } from "lucide-react";
import { useRouter } from "next/router";
import { useTranslation } from "next-i18next/pages";
import { useState } from "react";
import { Button } from "@/components/ui/button";
import { authClient } from "@/lib/auth-client";

export const SignOutButton = () => {
	const { t } = useTranslation("common");
	const router = useRouter();
	const [pending, setPending] = useState(false);
	const signOut = async () => {
		setPending(true);
		await authClient.signOut();
		await router.push("/");
	};
	return (
		<Button
			variant="ghost"
			size="sm"
			onClick={signOut}
			disabled={pending}
			data-testid="sign-out-button"
		>
			<LogOut className="h-4 w-4" />
			{t("nav.signOut")}
		</Button>
	);
};

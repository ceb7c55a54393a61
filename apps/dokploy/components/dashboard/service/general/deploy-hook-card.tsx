import { Copy, RefreshCw } from "lucide-react";
import { useTranslation } from "next-i18next/pages";
import { useEffect, useState } from "react";
import { Button } from "@/components/ui/button";
import { Card, CardContent, CardDescription, CardHeader, CardTitle } from "@/components/ui/card";
import { Input } from "@/components/ui/input";
import { toast } from "@/components/ui/toaster";
import { useErrorToast } from "@/lib/use-error-toast";
import type { ServiceTabProps } from "../tab-props";
import { useInvalidateService, useServiceMutations } from "../use-service";

/** The origin is only known in the browser; the server renders the path alone. */
const useOrigin = () => {
	const [origin, setOrigin] = useState("");
	useEffect(() => setOrigin(window.location.origin), []);
	return origin;
};

/** Only owners and admins see this card: the API gives members no token. */
export const DeployHookCard = ({ service, serviceType, serviceId }: ServiceTabProps) => {
	const { t } = useTranslation("common");
	const showError = useErrorToast();
	const invalidate = useInvalidateService({ serviceType, serviceId });
	const mutations = useServiceMutations({ serviceType, serviceId }, { onError: showError });
	const url = `${useOrigin()}/api/deploy/${service.refreshToken}`;

	const copy = async () => {
		await navigator.clipboard.writeText(url);
		toast.success(t("deployHook.copied"));
	};
	const regenerate = async () => {
		if (!window.confirm(t("deployHook.regenerateConfirm"))) return;
		const updated = await mutations.regenerate().catch(() => null);
		if (!updated) return;
		toast.success(t("deployHook.regenerated"));
		await invalidate();
	};

	return (
		<Card>
			<CardHeader>
				<CardTitle>{t("deployHook.title")}</CardTitle>
				<CardDescription>{t("deployHook.description")}</CardDescription>
			</CardHeader>
			<CardContent className="flex flex-col gap-3">
				<div className="flex gap-2">
					<Input
						readOnly
						value={url}
						className="font-mono text-xs"
						aria-label={t("deployHook.title")}
						data-testid="deploy-hook-url"
					/>
					<Button variant="outline" size="icon" onClick={copy} aria-label={t("actions.copy")}>
						<Copy className="h-4 w-4" />
					</Button>
				</div>
				<pre className="overflow-x-auto rounded-md bg-muted p-3 text-xs">
					{`curl -X POST ${url} \\\n  -H 'Content-Type: application/json' \\\n  -d '{"branch":"main"}'`}
				</pre>
				<div>
					<Button
						variant="outline"
						size="sm"
						onClick={regenerate}
						disabled={mutations.pending.regenerate}
						data-testid="regenerate-token-button"
					>
						<RefreshCw className="h-4 w-4" />
						{t("deployHook.regenerate")}
					</Button>
				</div>
			</CardContent>
		</Card>
	);
};

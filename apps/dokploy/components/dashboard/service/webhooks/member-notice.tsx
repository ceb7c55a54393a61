/** What a member sees instead of webhooks: why, and who can help (the owners and admins). */
import { ShieldCheck } from "lucide-react";
import { useTranslation } from "next-i18next/pages";
import { Card, CardContent, CardDescription, CardHeader, CardTitle } from "@/components/ui/card";
import { api } from "@/lib/trpc";

export const MemberNotice = () => {
	const { t } = useTranslation("webhook");
	const { t: common } = useTranslation("common");
	const members = api.organization.members.useQuery();
	const helpers = (members.data?.members ?? []).filter(
		(member) => member.role === "owner" || member.role === "admin",
	);
	return (
		<Card data-testid="webhooks-member-notice">
			<CardHeader>
				<CardTitle className="flex items-center gap-2">
					<ShieldCheck className="h-4 w-4" />
					{t("access.title")}
				</CardTitle>
				<CardDescription>{t("access.description")}</CardDescription>
			</CardHeader>
			<CardContent>
				{members.isPending ? (
					<div className="h-12 animate-pulse rounded bg-muted" aria-busy="true" />
				) : helpers.length === 0 ? (
					<p className="text-sm text-muted-foreground">{t("access.nobody")}</p>
				) : (
					<ul className="flex flex-col gap-1 text-sm" data-testid="webhook-helpers">
						{helpers.map((helper) => (
							<li key={helper.email}>
								<span className="font-medium">{helper.name}</span>{" "}
								<a
									href={`mailto:${helper.email}`}
									className="text-muted-foreground underline"
									dir="ltr"
								>
									{helper.email}
								</a>{" "}
								<span className="text-xs text-muted-foreground">
									({common(`roles.${helper.role}`)})
								</span>
							</li>
						))}
					</ul>
				)}
			</CardContent>
		</Card>
	);
};

import { useTranslation } from "next-i18next/pages";
import { DataTable } from "@/components/shared/data-table";
import { Badge } from "@/components/ui/badge";
import { TableCell, TableRow } from "@/components/ui/table";
import { api } from "@/lib/trpc";

const knownRoles = new Set(["owner", "admin", "member"]);

export const MemberList = () => {
	const { t } = useTranslation("common");
	const members = api.organization.members.useQuery();
	const roleLabel = (role: string | null) =>
		role && knownRoles.has(role) ? t(`roles.${role}`) : (role ?? t("roles.member"));

	if (members.isPending) return <p className="text-sm text-muted-foreground">{t("loading")}</p>;
	if (members.isError) return <p className="text-sm text-destructive">{t("errors.generic")}</p>;
	return (
		<DataTable columns={[t("auth.name"), t("auth.email"), t("members.role")]}>
			{members.data.members.map((member) => (
				<TableRow key={member.memberId} data-testid="member-row">
					<TableCell>{member.name}</TableCell>
					<TableCell>{member.email}</TableCell>
					<TableCell>
						<Badge>{roleLabel(member.role)}</Badge>
					</TableCell>
				</TableRow>
			))}
			{members.data.invitations.map((invitation) => (
				<TableRow key={invitation.id} data-testid="invitation-row">
					<TableCell className="text-muted-foreground">{t("members.pending")}</TableCell>
					<TableCell>{invitation.email}</TableCell>
					<TableCell>
						<Badge variant="warning">{roleLabel(invitation.role)}</Badge>
					</TableCell>
				</TableRow>
			))}
		</DataTable>
	);
};

import type { GetServerSideProps } from "next";
import { useTranslation } from "next-i18next/pages";
import { InviteMemberDialog } from "@/components/dashboard/members/invite-member-dialog";
import { MemberList } from "@/components/dashboard/members/member-list";
import { DashboardLayout } from "@/components/layout/dashboard-layout";
import { isAdmin } from "@/lib/roles";
import { type DashboardPageProps, dashboardPageProps } from "@/server/page-props";

export const getServerSideProps: GetServerSideProps<DashboardPageProps> = (context) =>
	dashboardPageProps(context);

export default function MembersPage({ viewer, locale }: DashboardPageProps) {
	const { t } = useTranslation("common");
	return (
		<DashboardLayout viewer={viewer} locale={locale} title={t("members.title")}>
			<div className="mb-6 flex items-center justify-between gap-4">
				<div>
					<h1 className="text-2xl font-semibold">{t("members.title")}</h1>
					<p className="text-sm text-muted-foreground">{t("members.description")}</p>
				</div>
				{isAdmin(viewer.role) ? <InviteMemberDialog /> : null}
			</div>
			<MemberList />
		</DashboardLayout>
	);
}

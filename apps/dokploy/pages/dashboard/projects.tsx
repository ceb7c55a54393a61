import type { GetServerSideProps } from "next";
import { useTranslation } from "next-i18next/pages";
import { CreateProjectDialog } from "@/components/dashboard/projects/create-project-dialog";
import { ProjectList } from "@/components/dashboard/projects/project-list";
import { DashboardLayout } from "@/components/layout/dashboard-layout";
import { isAdmin } from "@/lib/roles";
import { type DashboardPageProps, dashboardPageProps } from "@/server/page-props";

export const getServerSideProps: GetServerSideProps<DashboardPageProps> = (context) =>
	dashboardPageProps(context);

export default function ProjectsPage({ viewer, locale }: DashboardPageProps) {
	const { t } = useTranslation("common");
	return (
		<DashboardLayout viewer={viewer} locale={locale} title={t("projects.title")}>
			<div className="mb-6 flex items-center justify-between gap-4">
				<div>
					<h1 className="text-2xl font-semibold">{t("projects.title")}</h1>
					<p className="text-sm text-muted-foreground">{t("projects.description")}</p>
				</div>
				{isAdmin(viewer.role) ? <CreateProjectDialog /> : null}
			</div>
			<ProjectList />
		</DashboardLayout>
	);
}

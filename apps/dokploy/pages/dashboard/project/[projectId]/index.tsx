import type { GetServerSideProps } from "next";
import { useTranslation } from "next-i18next/pages";
import { CreateServiceDialog } from "@/components/dashboard/project/create-service-dialog";
import { ServiceList } from "@/components/dashboard/project/service-list";
import { Breadcrumbs } from "@/components/layout/breadcrumbs";
import { DashboardLayout } from "@/components/layout/dashboard-layout";
import { isAdmin } from "@/lib/roles";
import { api } from "@/lib/trpc";
import { type DashboardPageProps, dashboardPageProps } from "@/server/page-props";
import { findOwnedProject } from "@/server/page-resources";

type ProjectPageProps = DashboardPageProps & { projectId: string; projectName: string };

export const getServerSideProps: GetServerSideProps<ProjectPageProps> = (context) =>
	dashboardPageProps(context, async (caller) => {
		const project = await findOwnedProject(caller, context.params?.projectId);
		return project ? { projectId: project.projectId, projectName: project.name } : "not-found";
	});

const serviceTypes = ["application", "compose"] as const;

export default function ProjectPage({ viewer, locale, projectId, projectName }: ProjectPageProps) {
	const { t } = useTranslation("common");
	const project = api.project.one.useQuery({ projectId });
	const name = project.data?.name ?? projectName;
	return (
		<DashboardLayout viewer={viewer} locale={locale} title={name}>
			<Breadcrumbs
				links={[{ href: "/dashboard/projects", label: t("nav.projects") }]}
				current={name}
			/>
			<h1 className="text-2xl font-semibold" data-testid="project-title">
				{name}
			</h1>
			{project.data?.description ? (
				<p className="text-sm text-muted-foreground">{project.data.description}</p>
			) : null}
			{serviceTypes.map((serviceType) => (
				<section key={serviceType} className="mt-8">
					<div className="mb-4 flex items-center justify-between gap-4">
						<h2 className="text-lg font-semibold">{t(`services.heading.${serviceType}`)}</h2>
						{isAdmin(viewer.role) ? (
							<CreateServiceDialog projectId={projectId} serviceType={serviceType} />
						) : null}
					</div>
					<ServiceList projectId={projectId} serviceType={serviceType} />
				</section>
			))}
		</DashboardLayout>
	);
}

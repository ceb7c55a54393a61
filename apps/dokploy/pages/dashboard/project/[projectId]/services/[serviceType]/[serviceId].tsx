import type { ServiceType } from "@dokploy/server/lifecycle/types";
import type { GetServerSideProps } from "next";
import { useRouter } from "next/router";
import { useTranslation } from "next-i18next/pages";
import { visibleServiceTabs } from "@/components/dashboard/service/service-tabs";
import { useServiceQuery } from "@/components/dashboard/service/use-service";
import { Breadcrumbs } from "@/components/layout/breadcrumbs";
import { DashboardLayout } from "@/components/layout/dashboard-layout";
import { Badge } from "@/components/ui/badge";
import { Tabs, TabsContent, TabsList, TabsTrigger } from "@/components/ui/tabs";
import { type DashboardPageProps, dashboardPageProps } from "@/server/page-props";
import { findOwnedService } from "@/server/page-resources";

type ServicePageProps = DashboardPageProps & {
	serviceType: ServiceType;
	serviceId: string;
	projectId: string;
	projectName: string;
	serviceName: string;
};

export const getServerSideProps: GetServerSideProps<ServicePageProps> = (context) =>
	dashboardPageProps(
		context,
		async (caller) => {
			const { projectId, serviceType, serviceId } = context.params ?? {};
			const service = await findOwnedService(caller, serviceType, serviceId);
			// The URL's project must be the service's own, or links would lead astray.
			if (!service || service.projectId !== projectId) return "not-found";
			return {
				serviceType: service.type,
				serviceId: service.id,
				projectId: service.projectId,
				projectName: service.project.name,
				serviceName: service.name,
			};
		},
		["common", "webhook"],
	);

export default function ServicePage(props: ServicePageProps) {
	const { viewer, features, locale, serviceType, serviceId, projectId, projectName } = props;
	const { t } = useTranslation("common");
	const router = useRouter();
	const service = useServiceQuery({ serviceType, serviceId });
	const tabs = visibleServiceTabs({ role: viewer.role, features });
	const requested = typeof router.query.tab === "string" ? router.query.tab : undefined;
	const activeTab = tabs.some((tab) => tab.value === requested) ? requested : tabs[0]?.value;
	const name = service.data?.name ?? props.serviceName;

	// The tab is part of the URL so that reloading or sharing keeps it.
	const selectTab = (value: string) =>
		router.replace({ query: { ...router.query, tab: value } }, undefined, {
			shallow: true,
			scroll: false,
		});

	return (
		<DashboardLayout viewer={viewer} locale={locale} title={name}>
			<Breadcrumbs
				links={[
					{ href: "/dashboard/projects", label: t("nav.projects") },
					{ href: `/dashboard/project/${projectId}`, label: projectName },
				]}
				current={name}
			/>
			<div className="mb-6 flex items-center gap-3">
				<h1 className="text-2xl font-semibold" data-testid="service-title">
					{name}
				</h1>
				<Badge>{t(`services.type.${serviceType}`)}</Badge>
			</div>
			{service.isPending ? (
				<p className="text-sm text-muted-foreground">{t("loading")}</p>
			) : service.isError ? (
				<p className="text-sm text-destructive">{t("errors.generic")}</p>
			) : (
				<Tabs value={activeTab} onValueChange={selectTab}>
					<TabsList>
						{tabs.map((tab) => (
							<TabsTrigger key={tab.value} value={tab.value} data-testid={`tab-${tab.value}`}>
								{t(tab.labelKey)}
							</TabsTrigger>
						))}
					</TabsList>
					{tabs.map(({ value, Component }) => (
						<TabsContent key={value} value={value}>
							<Component
								service={service.data}
								serviceType={serviceType}
								serviceId={serviceId}
								projectId={projectId}
								role={viewer.role}
							/>
						</TabsContent>
					))}
				</Tabs>
			)}
		</DashboardLayout>
	);
}

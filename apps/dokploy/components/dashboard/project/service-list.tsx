import type { ServiceType } from "@dokploy/server/lifecycle/types";
import { Boxes, Container } from "lucide-react";
import Link from "next/link";
import { useTranslation } from "next-i18next/pages";
import { Badge } from "@/components/ui/badge";
import { Card, CardDescription, CardHeader, CardTitle } from "@/components/ui/card";
import { api } from "@/lib/trpc";

const icons = { application: Container, compose: Boxes } as const;

/** One kind of service of one project: what the project page's lists and dialogs show. */
export interface ProjectServices {
	projectId: string;
	serviceType: ServiceType;
}

/** The applications or the compose services of a project, as cards linking to their pages. */
export const ServiceList = ({ projectId, serviceType }: ProjectServices) => {
	const { t } = useTranslation("common");
	const applications = api.application.byProject.useQuery(
		{ projectId },
		{ enabled: serviceType === "application" },
	);
	const composes = api.compose.byProject.useQuery(
		{ projectId },
		{ enabled: serviceType === "compose" },
	);
	const services = serviceType === "application" ? applications : composes;
	const Icon = icons[serviceType];

	if (services.isPending) return <p className="text-sm text-muted-foreground">{t("loading")}</p>;
	if (services.isError) return <p className="text-sm text-destructive">{t("errors.generic")}</p>;
	if (services.data.length === 0) {
		return <p className="text-sm text-muted-foreground">{t(`services.empty.${serviceType}`)}</p>;
	}
	return (
		<div className="grid gap-4 sm:grid-cols-2 lg:grid-cols-3">
			{services.data.map((service) => (
				<Link
					key={service.id}
					href={`/dashboard/project/${projectId}/services/${serviceType}/${service.id}`}
					data-testid="service-card"
					data-service-type={serviceType}
					data-service-id={service.id}
				>
					<Card className="h-full transition-colors hover:bg-muted/50">
						<CardHeader>
							<div className="flex items-center gap-2">
								<Icon className="h-4 w-4 text-muted-foreground" />
								<CardTitle>{service.name}</CardTitle>
							</div>
							<CardDescription className="font-mono text-xs">{service.appName}</CardDescription>
							<div className="flex flex-wrap gap-1">
								<Badge>{t(`sources.${service.sourceType}`)}</Badge>
								{service.branch ? <Badge>{service.branch}</Badge> : null}
							</div>
						</CardHeader>
					</Card>
				</Link>
			))}
		</div>
	);
};

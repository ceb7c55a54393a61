import { FolderKanban } from "lucide-react";
import Link from "next/link";
import { useTranslation } from "next-i18next/pages";
import { Card, CardDescription, CardHeader, CardTitle } from "@/components/ui/card";
import { api } from "@/lib/trpc";

export const ProjectList = () => {
	const { t } = useTranslation("common");
	const projects = api.project.all.useQuery();

	if (projects.isPending) return <p className="text-sm text-muted-foreground">{t("loading")}</p>;
	if (projects.isError) return <p className="text-sm text-destructive">{t("errors.generic")}</p>;
	if (projects.data.length === 0) {
		return (
			<Card
				className="flex flex-col items-center gap-2 p-10 text-center"
				data-testid="projects-empty"
			>
				<FolderKanban className="h-8 w-8 text-muted-foreground" />
				<p className="font-medium">{t("projects.emptyTitle")}</p>
				<p className="text-sm text-muted-foreground">{t("projects.emptyDescription")}</p>
			</Card>
		);
	}
	return (
		<div className="grid gap-4 sm:grid-cols-2 lg:grid-cols-3">
			{projects.data.map((project) => (
				<Link
					key={project.projectId}
					href={`/dashboard/project/${project.projectId}`}
					data-testid="project-card"
					data-project-id={project.projectId}
				>
					<Card className="h-full transition-colors hover:bg-muted/50">
						<CardHeader>
							<CardTitle>{project.name}</CardTitle>
							{project.description ? (
								<CardDescription>{project.description}</CardDescription>
							) : null}
							<p className="text-xs text-muted-foreground">
								{t("projects.serviceCounts", {
									applications: project.applications,
									composes: project.composes,
								})}
							</p>
						</CardHeader>
					</Card>
				</Link>
			))}
		</div>
	);
};

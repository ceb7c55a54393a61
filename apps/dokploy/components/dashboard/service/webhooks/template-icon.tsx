import type { WebhookTemplateType } from "@dokploy/server/webhooks/templates/types";
import { Braces, FileCode, Hash, type LucideIcon, Workflow } from "lucide-react";

const icons: Record<WebhookTemplateType, LucideIcon> = {
	generic: Braces,
	slack: Hash,
	n8n: Workflow,
	custom: FileCode,
};

export const TemplateIcon = ({ type }: { type: WebhookTemplateType }) => {
	const Icon = icons[type];
	return <Icon className="h-4 w-4 shrink-0" aria-hidden data-testid={`template-icon-${type}`} />;
};

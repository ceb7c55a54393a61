/**
 * The tabs of a service page. A feature adds a tab by adding an entry here; the page renders
 * whatever this list holds.
 */
import type { Role } from "@dokploy/server/auth/membership";
import type { ComponentType } from "react";
import type { Features } from "@/server/page-props";
import { DeploymentsTab } from "./deployments/deployments-tab";
import { GeneralTab } from "./general/general-tab";
import type { ServiceTabProps } from "./tab-props";
import { WebhooksTab } from "./webhooks/webhooks-tab";

interface ServiceTab {
	value: string;
	/** A key in the common namespace. */
	labelKey: string;
	Component: ComponentType<ServiceTabProps>;
	/** Hides the tab where it could not be used (a role, a feature turned off). */
	visibleTo?: (viewer: { role: Role; features: Features }) => boolean;
}

const serviceTabs: ServiceTab[] = [
	{ value: "general", labelKey: "services.tabs.general", Component: GeneralTab },
	{ value: "deployments", labelKey: "services.tabs.deployments", Component: DeploymentsTab },
	{
		value: "webhooks",
		labelKey: "services.tabs.webhooks",
		Component: WebhooksTab,
		// Members see the tab too: it tells them who can manage webhooks.
		visibleTo: ({ features }) => features.webhooks,
	},
];

export const visibleServiceTabs = (viewer: { role: Role; features: Features }) =>
	serviceTabs.filter((tab) => !tab.visibleTo || tab.visibleTo(viewer));

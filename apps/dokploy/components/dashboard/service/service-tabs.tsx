/**
 * The tabs of a service page. A feature adds a tab by adding an entry here (the webhooks
 * feature will add `{ value: "webhooks", ... }`); the page renders whatever this list holds.
 */
import type { Role } from "@dokploy/server/auth/membership";
import type { ComponentType } from "react";
import { DeploymentsTab } from "./deployments/deployments-tab";
import { GeneralTab } from "./general/general-tab";
import type { ServiceTabProps } from "./tab-props";

interface ServiceTab {
	value: string;
	/** A key in the common namespace. */
	labelKey: string;
	Component: ComponentType<ServiceTabProps>;
	/** Hides the tab from roles that could not use it. */
	visibleTo?: (role: Role) => boolean;
}

const serviceTabs: ServiceTab[] = [
	{ value: "general", labelKey: "services.tabs.general", Component: GeneralTab },
	{ value: "deployments", labelKey: "services.tabs.deployments", Component: DeploymentsTab },
];

export const visibleServiceTabs = (role: Role) =>
	serviceTabs.filter((tab) => !tab.visibleTo || tab.visibleTo(role));

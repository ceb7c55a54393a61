import { isAdmin } from "@/lib/roles";
import type { ServiceTabProps } from "../tab-props";
import { DeleteServiceCard } from "./delete-service-card";
import { DeployHookCard } from "./deploy-hook-card";
import { EditServiceForm } from "./edit-service-form";

export const GeneralTab = (props: ServiceTabProps) => (
	<div className="flex flex-col gap-6">
		<EditServiceForm {...props} />
		{isAdmin(props.role) ? <DeployHookCard {...props} /> : null}
		{isAdmin(props.role) ? <DeleteServiceCard {...props} /> : null}
	</div>
);

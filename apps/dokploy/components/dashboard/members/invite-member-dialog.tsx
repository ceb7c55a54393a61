import { zodResolver } from "@hookform/resolvers/zod";
import { UserPlus } from "lucide-react";
import { useTranslation } from "next-i18next/pages";
import { useForm } from "react-hook-form";
import type { z } from "zod";
import { FormDialog, useFormDialog } from "@/components/shared/form-dialog";
import { SelectField } from "@/components/shared/select-field";
import { TextField } from "@/components/shared/text-field";
import { Button } from "@/components/ui/button";
import { api } from "@/lib/trpc";
import { useErrorToast } from "@/lib/use-error-toast";
import { apiInviteMember } from "@/server/api/routers/organization.schema";

type InviteValues = z.input<typeof apiInviteMember>;
type InviteOutput = z.output<typeof apiInviteMember>;

/** In the order the menu shows them. */
const invitableRoles = ["member", "admin"] as const satisfies readonly InviteOutput["role"][];

export const InviteMemberDialog = () => {
	const { t } = useTranslation("common");
	const utils = api.useUtils();
	const showError = useErrorToast();
	const form = useForm<InviteValues, unknown, InviteOutput>({
		resolver: zodResolver(apiInviteMember),
		defaultValues: { email: "", role: "member" },
	});
	const roleLabels = { member: t("roles.member"), admin: t("roles.admin") };
	const dialog = useFormDialog(() => form.reset());
	const invite = api.organization.invite.useMutation({
		onSuccess: async (invitation) => {
			dialog.succeeded(t("members.invited", { email: invitation.email }));
			await utils.organization.members.invalidate();
		},
		onError: showError,
	});

	// Alike by shape only with CreateProjectDialog: both fill FormDialog's props with their own.
	return (
		<FormDialog
			open={dialog.open}
			onOpenChange={dialog.setOpen}
			trigger={
				<Button data-testid="invite-member-button">
					<UserPlus className="h-4 w-4" />
					{t("members.invite")}
				</Button>
			}
			title={t("members.inviteTitle")}
			description={t("members.inviteDescription")}
			onSubmit={form.handleSubmit((values) => invite.mutate(values))}
			submit={{
				label: t("members.sendInvite"),
				testId: "invite-submit",
				pending: invite.isPending,
			}}
		>
			<TextField form={form} field="email" id="invite-email" label={t("auth.email")} type="email" />
			<SelectField
				form={form}
				field="role"
				id="invite-role"
				testId="invite-role"
				label={t("members.role")}
				options={invitableRoles}
				renderOption={(role) => roleLabels[role]}
			/>
		</FormDialog>
	);
};

import { zodResolver } from "@hookform/resolvers/zod";
import { UserPlus } from "lucide-react";
import { useTranslation } from "next-i18next/pages";
import { Controller, useForm } from "react-hook-form";
import type { z } from "zod";
import { FormDialog, useFormDialog } from "@/components/shared/form-dialog";
import { FormField } from "@/components/shared/form-field";
import { TextField } from "@/components/shared/text-field";
import { Button } from "@/components/ui/button";
import {
	Select,
	SelectContent,
	SelectItem,
	SelectTrigger,
	SelectValue,
} from "@/components/ui/select";
import { api } from "@/lib/trpc";
import { useErrorToast } from "@/lib/use-error-toast";
import { apiInviteMember } from "@/server/api/routers/organization.schema";

type InviteValues = z.input<typeof apiInviteMember>;
type InviteOutput = z.output<typeof apiInviteMember>;

export const InviteMemberDialog = () => {
	const { t } = useTranslation("common");
	const utils = api.useUtils();
	const showError = useErrorToast();
	const form = useForm<InviteValues, unknown, InviteOutput>({
		resolver: zodResolver(apiInviteMember),
		defaultValues: { email: "", role: "member" },
	});
	const dialog = useFormDialog(() => form.reset());
	const invite = api.organization.invite.useMutation({
		onSuccess: async (invitation) => {
			dialog.succeeded(t("members.invited", { email: invitation.email }));
			await utils.organization.members.invalidate();
		},
		onError: showError,
	});

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
			<FormField id="invite-role" field="role" label={t("members.role")}>
				<Controller
					control={form.control}
					name="role"
					render={({ field }) => (
						<Select value={field.value} onValueChange={field.onChange}>
							<SelectTrigger id="invite-role" data-testid="invite-role">
								<SelectValue />
							</SelectTrigger>
							<SelectContent>
								<SelectItem value="member">{t("roles.member")}</SelectItem>
								<SelectItem value="admin">{t("roles.admin")}</SelectItem>
							</SelectContent>
						</Select>
					)}
				/>
			</FormField>
		</FormDialog>
	);
};

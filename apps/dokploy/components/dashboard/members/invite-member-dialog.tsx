import { zodResolver } from "@hookform/resolvers/zod";
import { UserPlus } from "lucide-react";
import { useTranslation } from "next-i18next/pages";
import { useState } from "react";
import { Controller, useForm } from "react-hook-form";
import type { z } from "zod";
import { FormField } from "@/components/shared/form-field";
import { Button } from "@/components/ui/button";
import {
	Dialog,
	DialogContent,
	DialogDescription,
	DialogFooter,
	DialogHeader,
	DialogTitle,
	DialogTrigger,
} from "@/components/ui/dialog";
import { Input } from "@/components/ui/input";
import {
	Select,
	SelectContent,
	SelectItem,
	SelectTrigger,
	SelectValue,
} from "@/components/ui/select";
import { toast } from "@/components/ui/toaster";
import { api } from "@/lib/trpc";
import { useErrorToast } from "@/lib/use-error-toast";
import { apiInviteMember } from "@/server/api/routers/organization.schema";

type InviteValues = z.input<typeof apiInviteMember>;
type InviteOutput = z.output<typeof apiInviteMember>;

export const InviteMemberDialog = () => {
	const { t } = useTranslation("common");
	const [open, setOpen] = useState(false);
	const utils = api.useUtils();
	const showError = useErrorToast();
	const form = useForm<InviteValues, unknown, InviteOutput>({
		resolver: zodResolver(apiInviteMember),
		defaultValues: { email: "", role: "member" },
	});
	const invite = api.organization.invite.useMutation({
		onSuccess: async (invitation) => {
			toast.success(t("members.invited", { email: invitation.email }));
			form.reset();
			setOpen(false);
			await utils.organization.members.invalidate();
		},
		onError: showError,
	});
	const { errors } = form.formState;

	return (
		<Dialog open={open} onOpenChange={setOpen}>
			<DialogTrigger asChild>
				<Button data-testid="invite-member-button">
					<UserPlus className="h-4 w-4" />
					{t("members.invite")}
				</Button>
			</DialogTrigger>
			<DialogContent closeLabel={t("actions.close")}>
				<DialogHeader>
					<DialogTitle>{t("members.inviteTitle")}</DialogTitle>
					<DialogDescription>{t("members.inviteDescription")}</DialogDescription>
				</DialogHeader>
				<form
					className="flex flex-col gap-4"
					noValidate
					onSubmit={form.handleSubmit((values) => invite.mutate(values))}
				>
					<FormField id="invite-email" field="email" label={t("auth.email")} error={errors.email}>
						<Input
							id="invite-email"
							type="email"
							data-testid="invite-email"
							aria-invalid={Boolean(errors.email)}
							{...form.register("email")}
						/>
					</FormField>
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
					<DialogFooter>
						<Button type="submit" disabled={invite.isPending} data-testid="invite-submit">
							{t("members.sendInvite")}
						</Button>
					</DialogFooter>
				</form>
			</DialogContent>
		</Dialog>
	);
};

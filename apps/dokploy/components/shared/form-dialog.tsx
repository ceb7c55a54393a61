import { useTranslation } from "next-i18next/pages";
import { type FormEventHandler, type ReactNode, useState } from "react";
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
import { toast } from "@/components/ui/toaster";

/**
 * The open state of a FormDialog, and what a successful submit does: say `message`, clear the
 * form with `reset`, close.
 */
export const useFormDialog = (reset: () => void) => {
	const [open, setOpen] = useState(false);
	const succeeded = (message: string) => {
		toast.success(message);
		reset();
		setOpen(false);
	};
	return { open, setOpen, succeeded };
};

/** A button that opens a dialog holding one form: the frame of the create and invite dialogs. */
export const FormDialog = ({
	open,
	onOpenChange,
	trigger,
	title,
	description,
	className,
	onSubmit,
	submit,
	children,
}: {
	open: boolean;
	onOpenChange: (open: boolean) => void;
	trigger: ReactNode;
	title: string;
	description: string;
	className?: string;
	onSubmit: FormEventHandler<HTMLFormElement>;
	submit: { label: string; testId: string; pending: boolean };
	children: ReactNode;
}) => {
	const { t } = useTranslation("common");
	return (
		<Dialog open={open} onOpenChange={onOpenChange}>
			<DialogTrigger asChild>{trigger}</DialogTrigger>
			<DialogContent className={className} closeLabel={t("actions.close")}>
				<DialogHeader>
					<DialogTitle>{title}</DialogTitle>
					<DialogDescription>{description}</DialogDescription>
				</DialogHeader>
				<form className="flex flex-col gap-4" noValidate onSubmit={onSubmit}>
					{children}
					<DialogFooter>
						<Button type="submit" disabled={submit.pending} data-testid={submit.testId}>
							{submit.label}
						</Button>
					</DialogFooter>
				</form>
			</DialogContent>
		</Dialog>
	);
};

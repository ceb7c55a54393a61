import { X } from "lucide-react";
import { Dialog as DialogPrimitive } from "radix-ui";
import type { ComponentProps } from "react";
import { cn } from "@/lib/cn";

export const Dialog = DialogPrimitive.Root;
export const DialogTrigger = DialogPrimitive.Trigger;

export const DialogContent = ({
	className,
	children,
	closeLabel,
	...props
}: ComponentProps<typeof DialogPrimitive.Content> & { closeLabel: string }) => (
	<DialogPrimitive.Portal>
		<DialogPrimitive.Overlay className="fixed inset-0 z-40 bg-black/40" />
		<DialogPrimitive.Content
			className={cn(
				"fixed top-1/2 left-1/2 z-50 flex max-h-[90vh] w-[calc(100%-2rem)] max-w-lg -translate-x-1/2 -translate-y-1/2 flex-col gap-4 overflow-y-auto rounded-md border bg-background p-6 shadow-lg",
				className,
			)}
			{...props}
		>
			{children}
			<DialogPrimitive.Close
				className="absolute top-4 end-4 rounded-sm opacity-70 hover:opacity-100"
				aria-label={closeLabel}
			>
				<X className="h-4 w-4" />
			</DialogPrimitive.Close>
		</DialogPrimitive.Content>
	</DialogPrimitive.Portal>
);

export const DialogHeader = ({ className, ...props }: ComponentProps<"div">) => (
	<div className={cn("flex flex-col gap-1.5", className)} {...props} />
);

export const DialogFooter = ({ className, ...props }: ComponentProps<"div">) => (
	<div className={cn("flex justify-end gap-2", className)} {...props} />
);

export const DialogTitle = ({
	className,
	...props
}: ComponentProps<typeof DialogPrimitive.Title>) => (
	<DialogPrimitive.Title className={cn("text-lg font-semibold", className)} {...props} />
);

export const DialogDescription = ({
	className,
	...props
}: ComponentProps<typeof DialogPrimitive.Description>) => (
	<DialogPrimitive.Description
		className={cn("text-sm text-muted-foreground", className)}
		{...props}
	/>
);

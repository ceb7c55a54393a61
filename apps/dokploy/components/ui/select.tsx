import { Check, ChevronDown } from "lucide-react";
import { Select as SelectPrimitive } from "radix-ui";
import type { ComponentProps } from "react";
import { cn } from "@/lib/cn";

export const Select = SelectPrimitive.Root;
export const SelectValue = SelectPrimitive.Value;

export const SelectTrigger = ({
	className,
	children,
	...props
}: ComponentProps<typeof SelectPrimitive.Trigger>) => (
	<SelectPrimitive.Trigger
		className={cn(
			"flex h-9 w-full items-center justify-between rounded-md border bg-background px-3 py-1.5 text-sm shadow-sm",
			"focus:outline-none focus-visible:ring-2 focus-visible:ring-ring disabled:opacity-50",
			className,
		)}
		{...props}
	>
		{children}
		<SelectPrimitive.Icon>
			<ChevronDown className="h-4 w-4 opacity-60" />
		</SelectPrimitive.Icon>
	</SelectPrimitive.Trigger>
);

export const SelectContent = ({
	className,
	children,
	...props
}: ComponentProps<typeof SelectPrimitive.Content>) => (
	<SelectPrimitive.Portal>
		<SelectPrimitive.Content
			position="popper"
			sideOffset={4}
			className={cn(
				"z-50 min-w-[var(--radix-select-trigger-width)] overflow-hidden rounded-md border bg-background shadow-md",
				className,
			)}
			{...props}
		>
			<SelectPrimitive.Viewport className="p-1">{children}</SelectPrimitive.Viewport>
		</SelectPrimitive.Content>
	</SelectPrimitive.Portal>
);

export const SelectItem = ({
	className,
	children,
	...props
}: ComponentProps<typeof SelectPrimitive.Item>) => (
	<SelectPrimitive.Item
		className={cn(
			"relative flex cursor-default select-none items-center rounded-sm py-1.5 pe-2 ps-7 text-sm outline-none",
			"data-[highlighted]:bg-muted data-[disabled]:opacity-50",
			className,
		)}
		{...props}
	>
		<span className="absolute start-2 flex h-3.5 w-3.5 items-center justify-center">
			<SelectPrimitive.ItemIndicator>
				<Check className="h-4 w-4" />
			</SelectPrimitive.ItemIndicator>
		</span>
		<SelectPrimitive.ItemText>{children}</SelectPrimitive.ItemText>
	</SelectPrimitive.Item>
);

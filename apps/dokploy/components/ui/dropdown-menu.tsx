import { Check } from "lucide-react";
import { DropdownMenu as MenuPrimitive } from "radix-ui";
import type { ComponentProps } from "react";
import { cn } from "@/lib/cn";

export const DropdownMenu = MenuPrimitive.Root;
export const DropdownMenuTrigger = MenuPrimitive.Trigger;
export const DropdownMenuRadioGroup = MenuPrimitive.RadioGroup;

export const DropdownMenuContent = ({
	className,
	sideOffset = 4,
	...props
}: ComponentProps<typeof MenuPrimitive.Content>) => (
	<MenuPrimitive.Portal>
		<MenuPrimitive.Content
			sideOffset={sideOffset}
			className={cn(
				"z-50 min-w-40 overflow-hidden rounded-md border bg-background p-1 shadow-md",
				className,
			)}
			{...props}
		/>
	</MenuPrimitive.Portal>
);

const itemClassName =
	"relative flex cursor-default select-none items-center gap-2 rounded-sm px-2 py-1.5 text-sm outline-none data-[highlighted]:bg-muted data-[disabled]:opacity-50";

export const DropdownMenuItem = ({
	className,
	...props
}: ComponentProps<typeof MenuPrimitive.Item>) => (
	<MenuPrimitive.Item className={cn(itemClassName, className)} {...props} />
);

export const DropdownMenuRadioItem = ({
	className,
	children,
	...props
}: ComponentProps<typeof MenuPrimitive.RadioItem>) => (
	<MenuPrimitive.RadioItem className={cn(itemClassName, "ps-7", className)} {...props}>
		<span className="absolute start-2 flex h-3.5 w-3.5 items-center justify-center">
			<MenuPrimitive.ItemIndicator>
				<Check className="h-4 w-4" />
			</MenuPrimitive.ItemIndicator>
		</span>
		{children}
	</MenuPrimitive.RadioItem>
);

export const DropdownMenuLabel = ({
	className,
	...props
}: ComponentProps<typeof MenuPrimitive.Label>) => (
	<MenuPrimitive.Label
		className={cn("px-2 py-1.5 text-xs font-medium text-muted-foreground", className)}
		{...props}
	/>
);

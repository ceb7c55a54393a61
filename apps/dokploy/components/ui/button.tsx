import { Slot } from "radix-ui";
import type { ComponentProps } from "react";
import { cn } from "@/lib/cn";

const variants = {
	default: "bg-primary text-primary-foreground hover:bg-primary/90",
	outline: "border bg-background hover:bg-muted",
	destructive: "bg-destructive text-destructive-foreground hover:bg-destructive/90",
	ghost: "hover:bg-muted",
} as const;

const sizes = {
	default: "h-9 px-4 py-2",
	sm: "h-8 px-3 text-xs",
	icon: "h-9 w-9",
} as const;

export type ButtonProps = ComponentProps<"button"> & {
	variant?: keyof typeof variants;
	size?: keyof typeof sizes;
	/** Renders the child element (a link, say) with the button's look. */
	asChild?: boolean;
};

export const Button = ({
	className,
	variant = "default",
	size = "default",
	asChild = false,
	type,
	...props
}: ButtonProps) => {
	const Component = asChild ? Slot.Root : "button";
	return (
		<Component
			type={asChild ? undefined : (type ?? "button")}
			className={cn(
				"inline-flex items-center justify-center gap-2 whitespace-nowrap rounded-md text-sm font-medium transition-colors",
				"focus-visible:outline-none focus-visible:ring-2 focus-visible:ring-ring disabled:pointer-events-none disabled:opacity-50",
				variants[variant],
				sizes[size],
				className,
			)}
			{...props}
		/>
	);
};

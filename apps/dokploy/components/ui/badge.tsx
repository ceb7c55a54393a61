import type { ComponentProps } from "react";
import { cn } from "@/lib/cn";

const variants = {
	default: "bg-muted text-foreground",
	success: "bg-green-100 text-green-800",
	danger: "bg-red-100 text-red-800",
	warning: "bg-amber-100 text-amber-800",
	info: "bg-blue-100 text-blue-800",
} as const;

export type BadgeVariant = keyof typeof variants;

export const Badge = ({
	className,
	variant = "default",
	...props
}: ComponentProps<"span"> & { variant?: BadgeVariant }) => (
	<span
		className={cn(
			"inline-flex items-center rounded-full px-2 py-0.5 text-xs font-medium",
			variants[variant],
			className,
		)}
		{...props}
	/>
);

import type { ComponentProps } from "react";
import { cn } from "@/lib/cn";

export const Card = ({ className, ...props }: ComponentProps<"div">) => (
	<div className={cn("rounded-md border bg-background shadow-sm", className)} {...props} />
);

export const CardHeader = ({ className, ...props }: ComponentProps<"div">) => (
	<div className={cn("flex flex-col gap-1 p-4", className)} {...props} />
);

export const CardTitle = ({ className, ...props }: ComponentProps<"h3">) => (
	<h3 className={cn("font-semibold", className)} {...props} />
);

export const CardDescription = ({ className, ...props }: ComponentProps<"p">) => (
	<p className={cn("text-sm text-muted-foreground", className)} {...props} />
);

export const CardContent = ({ className, ...props }: ComponentProps<"div">) => (
	<div className={cn("p-4 pt-0", className)} {...props} />
);

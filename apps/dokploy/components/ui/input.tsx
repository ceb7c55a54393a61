import type { ComponentProps } from "react";
import { cn } from "@/lib/cn";

export const fieldClassName =
	"flex w-full rounded-md border bg-background px-3 py-1.5 text-sm shadow-sm placeholder:text-muted-foreground focus-visible:outline-none focus-visible:ring-2 focus-visible:ring-ring disabled:cursor-not-allowed disabled:opacity-50 aria-[invalid=true]:border-destructive";

export const Input = ({ className, ...props }: ComponentProps<"input">) => (
	<input className={cn(fieldClassName, "h-9", className)} {...props} />
);

import { Label as LabelPrimitive } from "radix-ui";
import type { ComponentProps } from "react";
import { cn } from "@/lib/cn";

export const Label = ({ className, ...props }: ComponentProps<typeof LabelPrimitive.Root>) => (
	<LabelPrimitive.Root className={cn("text-sm font-medium leading-none", className)} {...props} />
);

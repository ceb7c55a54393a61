import type { ComponentProps } from "react";
import { cn } from "@/lib/cn";
import { fieldClassName } from "./input";

export const Textarea = ({ className, ...props }: ComponentProps<"textarea">) => (
	<textarea className={cn(fieldClassName, "min-h-20", className)} {...props} />
);

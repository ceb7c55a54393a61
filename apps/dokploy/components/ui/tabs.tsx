import { Tabs as TabsPrimitive } from "radix-ui";
import type { ComponentProps } from "react";
import { cn } from "@/lib/cn";

export const Tabs = TabsPrimitive.Root;

export const TabsList = ({ className, ...props }: ComponentProps<typeof TabsPrimitive.List>) => (
	<TabsPrimitive.List
		className={cn("inline-flex h-9 items-center gap-1 rounded-md bg-muted p-1", className)}
		{...props}
	/>
);

export const TabsTrigger = ({
	className,
	...props
}: ComponentProps<typeof TabsPrimitive.Trigger>) => (
	<TabsPrimitive.Trigger
		className={cn(
			"inline-flex items-center rounded-sm px-3 py-1 text-sm font-medium text-muted-foreground transition-colors",
			"data-[state=active]:bg-background data-[state=active]:text-foreground data-[state=active]:shadow-sm",
			className,
		)}
		{...props}
	/>
);

export const TabsContent = ({
	className,
	...props
}: ComponentProps<typeof TabsPrimitive.Content>) => (
	<TabsPrimitive.Content className={cn("mt-4 focus-visible:outline-none", className)} {...props} />
);

import { Toaster as Sonner, toast } from "sonner";

/** Notifications at the bottom of the end side: bottom-left when the page is right to left. */
export const Toaster = ({ dir = "ltr" }: { dir?: "ltr" | "rtl" }) => (
	<Sonner
		position={dir === "rtl" ? "bottom-left" : "bottom-right"}
		dir={dir}
		richColors
		closeButton
	/>
);

export { toast };

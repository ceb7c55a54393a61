import { Toaster as Sonner, toast } from "sonner";

export const Toaster = () => <Sonner position="bottom-right" richColors closeButton />;

export { toast };

import "@/styles/globals.css";
import { QueryClient, QueryClientProvider } from "@tanstack/react-query";
import { TRPCClientError } from "@trpc/client";
import type { AppProps } from "next/app";
import { appWithTranslation } from "next-i18next/pages";
import { Direction } from "radix-ui";
import { useState } from "react";
import { Toaster } from "@/components/ui/toaster";
import { textDirection } from "@/lib/languages";
import { api, createTrpcClient } from "@/lib/trpc";
import nextI18NextConfig from "@/next-i18next.config.js";

/** Retrying cannot fix "not found" or "forbidden"; it only delays showing them. */
const NO_RETRY_CODES = new Set(["NOT_FOUND", "FORBIDDEN", "UNAUTHORIZED", "BAD_REQUEST"]);

const createQueryClient = () =>
	new QueryClient({
		defaultOptions: {
			queries: {
				staleTime: 2_000,
				retry: (failures, error) =>
					!(error instanceof TRPCClientError && NO_RETRY_CODES.has(String(error.data?.code))) &&
					failures < 2,
			},
		},
	});

const App = ({ Component, pageProps }: AppProps) => {
	const [queryClient] = useState(createQueryClient);
	const [trpcClient] = useState(createTrpcClient);
	// Radix components (tabs, menus, selects, switches) lay themselves out by this, not by the
	// document's dir attribute; _document sets that one for everything else.
	const locale = (pageProps as { locale?: unknown }).locale;
	const dir = textDirection(typeof locale === "string" ? locale : "en");
	return (
		<Direction.DirectionProvider dir={dir}>
			<api.Provider client={trpcClient} queryClient={queryClient}>
				<QueryClientProvider client={queryClient}>
					<Component {...pageProps} />
					<Toaster dir={dir} />
				</QueryClientProvider>
			</api.Provider>
		</Direction.DirectionProvider>
	);
};

export default appWithTranslation(App, nextI18NextConfig);

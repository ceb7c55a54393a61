import type { DocumentProps } from "next/document";
import { Head, Html, Main, NextScript } from "next/document";
import { intlLocale, textDirection } from "@/lib/languages";

/** The page's language, from the props getServerSideProps resolved from the locale cookie. */
const documentLanguage = (props: DocumentProps) => {
	const pageProps = props.__NEXT_DATA__.props?.pageProps as { locale?: unknown } | undefined;
	return typeof pageProps?.locale === "string" ? pageProps.locale : "en";
};

/** Persian is written right to left: the whole page mirrors, through logical CSS properties. */
export default function Document(props: DocumentProps) {
	const locale = documentLanguage(props);
	return (
		<Html lang={intlLocale(locale)} dir={textDirection(locale)}>
			<Head />
			<body className="antialiased">
				<Main />
				<NextScript />
			</body>
		</Html>
	);
}

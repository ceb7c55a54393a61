import type { DocumentProps } from "next/document";
import { Head, Html, Main, NextScript } from "next/document";

/** The page's language, from the props getServerSideProps resolved from the locale cookie. */
const documentLanguage = (props: DocumentProps) => {
	const pageProps = props.__NEXT_DATA__.props?.pageProps as { locale?: unknown } | undefined;
	return typeof pageProps?.locale === "string" ? pageProps.locale : "en";
};

export default function Document(props: DocumentProps) {
	return (
		<Html lang={documentLanguage(props)}>
			<Head />
			<body className="antialiased">
				<Main />
				<NextScript />
			</body>
		</Html>
	);
}

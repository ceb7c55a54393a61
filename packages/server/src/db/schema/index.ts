export * from "./application";
export * from "./auth";
export * from "./compose";
export * from "./deployment";
export * from "./project";
export { sourceType } from "./shared";
export * from "./webhook";

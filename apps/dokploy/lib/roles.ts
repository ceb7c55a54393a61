/** Mirrors adminProcedure, so that the pages hide what the API would refuse. */
export const isAdmin = (role: string) => role === "owner" || role === "admin";

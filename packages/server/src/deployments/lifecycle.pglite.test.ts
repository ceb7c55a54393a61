import { describeDeploymentLifecycle } from "./lifecycle-suite";

describeDeploymentLifecycle("pglite");

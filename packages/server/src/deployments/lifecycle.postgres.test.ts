import { describeDeploymentLifecycle } from "./lifecycle-suite";

describeDeploymentLifecycle("postgres");

import { describeDeliveryFlow } from "./delivery-flow-suite";

describeDeliveryFlow("postgres");

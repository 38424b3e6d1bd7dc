// The guest risk IDs are part of the plan-annotation contract the policy engine reads.
export { RdpGuestRisk, RdpGuestRiskId } from '../../contract';

export { KubernetesTriagePage } from './KubernetesTriagePage';
export { kubernetesTriageRouteRef } from './route';

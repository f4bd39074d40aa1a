// placeholder: filled by the work in progress
export {};

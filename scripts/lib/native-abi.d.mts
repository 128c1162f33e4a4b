export function nativeModuleAbis(file: string): number[];
export function abiMismatch(file: string, abi: string | number): string | null;

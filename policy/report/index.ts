export * from './exposure';
export * from './json';
export * from './markdown';
export * from './review-result';
export * from './sarif';
export * from './text';

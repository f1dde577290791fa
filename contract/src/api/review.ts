// The city's review of an application, the cities' packages and the province's receipt of them.
export {};

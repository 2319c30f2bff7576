/** How many matches the customer picker lists; typing more narrows it (the bench searches with the same limit). */
export const CUSTOMER_PICKER_LIMIT = 20;

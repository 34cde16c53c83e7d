// The order parties are listed in on the case page: the one order of every document and form.
export { orderParties } from '../../../../shared/domain/party-order';

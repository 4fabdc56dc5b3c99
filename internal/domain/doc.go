// Package domain holds the value types of the CNSS declaration domain: money in
// int64 centimes, periods, situation codes and the identifier checks (affiliation,
// immatriculation, CIN, ICE, RIB/IBAN). It knows nothing of files, storage or UI.
package domain

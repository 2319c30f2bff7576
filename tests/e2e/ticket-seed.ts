// Realistic Spanish service-desk data for the ticket e2e tests and screenshots, written through the real channels.
import type { TicketDetail, TicketPriority, WorkOrderType } from '../../electron/contract';
import type { E2eApp } from './support';

const HOUR = 3_600_000;

export const CUSTOMERS = [
  { name: 'Panadería Hermanos Ruiz', phone: '954 21 33 10', address: 'C/ Feria 42, Sevilla' },
  { name: 'Clínica Dental Sonrisas', phone: '955 60 12 87', address: 'Av. de la Constitución 8, Dos Hermanas' },
  { name: 'Hotel Mirador del Guadalquivir', phone: '954 90 45 00', address: 'Paseo de Colón 11, Sevilla' },
  { name: 'Comunidad de Propietarios Los Naranjos', phone: '644 23 19 02', address: 'C/ Naranjo 3, Mairena del Aljarafe' },
  { name: 'Restaurante La Giralda', phone: '954 22 74 31', address: 'C/ Mateos Gago 2, Sevilla' },
  { name: 'Colegio San Isidoro', phone: '955 11 40 26', address: 'Av. de Andalucía 120, Alcalá de Guadaíra' },
  { name: 'Farmacia Triana', phone: '954 33 18 75', address: 'C/ San Jacinto 19, Sevilla' },
];

export const CATEGORIES = ['Calefacción', 'Aire acondicionado', 'Fontanería', 'Electricidad', 'Mantenimiento preventivo'];

export const TECHNICIANS = [
  { username: 'lmartin', fullName: 'Lucía Martín' },
  { username: 'jgarcia', fullName: 'Javier García' },
  { username: 'rsoto', fullName: 'Rocío Soto' },
];

/** [title, description, category index, priority]. */
const TICKETS: [string, string, number, TicketPriority][] = [
  ['La caldera no enciende', 'La caldera marca error F28 desde esta mañana. El cliente ya probó a rearmarla dos veces.', 0, 'high'],
  ['Fuga de agua en el baño de la planta 2', 'Gotea por la llave de paso del lavabo; han puesto un cubo de momento.', 2, 'medium'],
  ['Split del comedor tira aire caliente', 'Configurado en frío a 22 °C pero sale aire templado. Equipo de 2019.', 1, 'high'],
  ['Salta el diferencial al encender el horno', 'Cada vez que arrancan el horno grande salta el diferencial general.', 3, 'critical'],
  ['Revisión anual de la sala de calderas', 'Mantenimiento preventivo contratado: revisión de quemadores y presión.', 4, 'low'],
  ['Radiadores fríos en la segunda planta', 'La primera planta calienta bien; la segunda no, aunque la caldera funciona.', 0, 'medium'],
  ['Ruido fuerte en la unidad exterior', 'Vibración y golpeteo en la condensadora de la azotea, sobre todo al arrancar.', 1, 'medium'],
  ['Termo eléctrico no calienta', 'Termo de 80 litros en la cocina; el piloto enciende pero el agua sale fría.', 2, 'high'],
  ['Enchufes sin corriente en la consulta 3', 'Tres enchufes de la pared del sillón dental sin corriente desde ayer.', 3, 'high'],
  ['Cambio de filtros del climatizador', 'Toca el cambio trimestral de filtros de la climatizadora del salón.', 4, 'low'],
  ['Presión baja en el circuito de calefacción', 'El manómetro marca 0,4 bar; se rellena y a los dos días vuelve a bajar.', 0, 'medium'],
  ['Atasco en el desagüe de la cocina', 'El fregadero industrial traga muy despacio; huele mal.', 2, 'medium'],
  ['La máquina de aire de la sala de servidores pita', 'Alarma de alta presión intermitente. Sala a 29 °C.', 1, 'critical'],
  ['Luces del pasillo parpadean', 'Tubos LED del pasillo principal parpadean al encender.', 3, 'low'],
  ['Revisión del grupo de presión', 'Revisión semestral del grupo de presión del edificio.', 4, 'low'],
  ['Caldera hace ruido al arrancar', 'Golpe seco al encender el quemador; el cliente está preocupado.', 0, 'medium'],
  ['Goteo en la unidad interior de recepción', 'Cae agua de la máquina de recepción sobre el mostrador.', 1, 'high'],
  ['Cisterna que no para de cargar', 'La cisterna del aseo de clientes no corta el agua.', 2, 'low'],
  ['Cuadro eléctrico se calienta', 'Notan el cuadro secundario caliente al tacto y olor a quemado.', 3, 'critical'],
  ['Puesta en marcha de calefacción de invierno', 'Arranque de temporada: purgar radiadores y comprobar termostatos.', 4, 'medium'],
  ['Termostato no responde', 'El termostato digital del salón se queda en blanco.', 0, 'low'],
  ['Olor a humedad en los conductos', 'Al encender el aire huele a humedad en todo el restaurante.', 1, 'medium'],
  ['Baja presión de agua en el tercer piso', 'Los vecinos del tercero tienen muy poca presión por las mañanas.', 2, 'medium'],
  ['Instalar tomas nuevas en el aula de informática', 'Piden 6 tomas dobles nuevas para los ordenadores del aula.', 3, 'low'],
  ['Revisión de extintores y BIEs', 'Revisión anual; coordinar con el colegio fuera del horario de clase.', 4, 'low'],
  ['Caldera pierde agua por debajo', 'Charco bajo la caldera mural; pierde por la válvula de seguridad.', 0, 'high'],
  ['Aire acondicionado no enciende', 'El mando funciona pero la máquina no reacciona. Sin luces en el panel.', 1, 'high'],
  ['Grifo de la barra gotea', 'Goteo constante en el grifo monomando de la barra.', 2, 'low'],
  ['Apagón parcial en la planta baja', 'Media planta baja sin luz; el resto del edificio funciona.', 3, 'critical'],
  ['Limpieza de conductos de extracción', 'Limpieza anual de la campana y conductos de extracción de la cocina.', 4, 'medium'],
];

const NOTES = [
  'Llamé al cliente: confirma que el problema sigue igual.',
  'Pedido el repuesto al proveedor, llega en 48 h.',
  'El cliente prefiere que vayamos por la mañana, antes de las 11.',
  'Revisado por teléfono: no es el termostato.',
];

export interface SeededTickets {
  tickets: TicketDetail[];
  technicianIds: string[];
  customerIds: string[];
  categoryIds: string[];
}

/** Customers, categories, three technicians and `count` tickets spread over the last days, with notes, moves and OTs. */
export async function seedTickets(app: E2eApp, count = TICKETS.length): Promise<SeededTickets> {
  const technicianIds: string[] = [];
  for (const tech of TECHNICIANS) technicianIds.push((await app.userWithRole('Técnico', tech.username, tech.fullName)).id);
  const customerIds: string[] = [];
  for (const customer of CUSTOMERS) customerIds.push((await app.admin.call('customers.create', customer)).id);
  const categoryIds: string[] = [];
  for (const name of CATEGORIES) categoryIds.push((await app.admin.call('categories.create', { name })).id);

  const start = Date.now() - 12 * 24 * HOUR;
  const step = (12 * 24 * HOUR - 2 * HOUR) / Math.max(1, count);
  const tickets: TicketDetail[] = [];
  for (let i = 0; i < count; i++) {
    const [title, description, category, priority] = TICKETS[i % TICKETS.length]!;
    const createdAt = new Date(start + i * step);
    const ticket = await app.asAdminAt(createdAt, async (admin) => {
      let t = await admin.call('tickets.create', {
        title,
        description,
        priority,
        categoryId: categoryIds[category],
        customerId: customerIds[i % customerIds.length],
        ...(i % 4 === 3 ? {} : { assignedToId: technicianIds[i % technicianIds.length] }),
      });
      if (i % 3 === 0) await admin.call('tickets.addNote', { id: t.id, content: NOTES[i % NOTES.length]! });
      if (i % 5 === 1) t = await admin.call('tickets.changeStatus', { id: t.id, status: 'in_progress', version: t.version });
      else if (i % 7 === 2) {
        t = await admin.call('tickets.changeStatus', { id: t.id, status: 'in_progress', version: t.version });
        t = await admin.call('tickets.changeStatus', { id: t.id, status: 'waiting', version: t.version });
      }
      return t;
    });
    // Older tickets get closed a few hours later, so the closed tab has history.
    const closed = i < count / 3 && i % 2 === 0;
    tickets.push(
      closed
        ? await app.asAdminAt(new Date(createdAt.getTime() + 5 * HOUR), (admin) =>
            admin.call('tickets.close', { id: ticket.id, resolution: 'Resuelto en la visita; el cliente da el visto bueno.', version: ticket.version }),
          )
        : ticket,
    );
  }
  return { tickets, technicianIds, customerIds, categoryIds };
}

/** One ticket with a rich bitácora: contact, notes, assignment, priority change, a visit scheduled and completed, waiting. */
export async function seedRichTicket(app: E2eApp, seeded: SeededTickets): Promise<TicketDetail> {
  const day0 = Date.now() - 3 * 24 * HOUR;
  const at = (hours: number) => new Date(day0 + hours * HOUR);
  const [lucia, javier] = seeded.technicianIds as [string, string];
  const otType: WorkOrderType = 'repair';
  let ticket = await app.asAdminAt(at(0), (admin) =>
    admin.call('tickets.create', {
      title: 'Cámara frigorífica no llega a temperatura',
      description:
        'La cámara de la obrador marca 9 °C y debería estar a 3 °C. El compresor arranca y para cada pocos minutos.\nEl cliente tiene género perecedero dentro: urgente.',
      priority: 'high',
      categoryId: seeded.categoryIds[1],
      customerId: seeded.customerIds[0],
    }),
  );
  await app.asAdminAt(at(0.3), (admin) =>
    admin.call('tickets.addContact', { id: ticket.id, channel: 'phone', contactName: 'Manuel Ruiz', summary: 'Avisa de que la cámara sigue subiendo de temperatura. Han pasado el género a la cámara pequeña.' }),
  );
  ticket = await app.asAdminAt(at(0.5), (admin) => admin.call('tickets.update', { id: ticket.id, priority: 'critical', version: ticket.version }));
  ticket = await app.asAdminAt(at(0.6), (admin) => admin.call('tickets.assign', { id: ticket.id, assignedToId: lucia, version: ticket.version }));
  const workOrder = await app.asAdminAt(at(0.8), (admin) =>
    admin.call('workOrders.requestVisit', { ticketId: ticket.id, otType, technicianId: lucia, scheduledDate: at(20).toISOString(), recordsPastVisit: true, confirmOverlap: true }),
  );
  const scheduled = await app.asAdminAt(at(1), (admin) =>
    admin.call('workOrders.schedule', { id: workOrder.id, scheduledDate: at(20).toISOString(), technicianId: lucia, version: workOrder.version, recordsPastVisit: true, confirmOverlap: true }),
  );
  const started = await app.asUserAt(lucia, at(20), (tech) => tech.call('workOrders.start', { id: scheduled.id, version: scheduled.version }));
  await app.asUserAt(lucia, at(21.5), (tech) =>
    tech.call('tickets.addNote', { id: ticket.id, content: 'El presostato de baja no corta bien: lo cambio. Hay algo de fuga en la válvula de servicio, apretada.' }),
  );
  await app.asUserAt(lucia, at(22), (tech) =>
    tech.call('workOrders.complete', { id: started.id, version: started.version, workDone: 'Sustituido el presostato de baja y recargado gas R-404A.' }),
  );
  await app.asUserAt(lucia, at(22.5), (tech) =>
    tech.call('tickets.addNote', { id: ticket.id, content: 'Presostato cambiado. Dejo la cámara en observación 24 h antes de cerrar.' }),
  );
  ticket = await app.asAdminAt(at(23), (admin) => admin.call('tickets.get', { id: ticket.id }));
  ticket = await app.asAdminAt(at(23), (admin) => admin.call('tickets.changeStatus', { id: ticket.id, status: 'waiting', version: ticket.version }));
  await app.asAdminAt(at(47), (admin) =>
    admin.call('tickets.addContact', { id: ticket.id, channel: 'whatsapp', contactName: 'Manuel Ruiz', summary: 'Manda foto del termómetro: 3,2 °C estable desde ayer.' }),
  );
  await app.asAdminAt(at(47.5), (admin) =>
    admin.call('workOrders.requestVisit', { ticketId: ticket.id, otType: 'maintenance', technicianId: javier }),
  );
  return app.admin.call('tickets.get', { id: ticket.id });
}

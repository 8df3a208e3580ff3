// Small built-in lists for surrogate mode. Common, culturally mixed, and none of them a famous
// person or a real street in a named town, so a surrogate never points at someone real.

// First names by the gender compromise's dictionary gives the original, so that "my husband Tom"
// does not become "my husband Grace"; the neutral list serves names it does not know.
export const femaleNames = [
  'Amara', 'Carmen', 'Chloe', 'Deepa', 'Elena', 'Fatima', 'Grace', 'Hannah', 'Jade', 'Laila', 'Maya',
  'Nadia', 'Olivia', 'Priya', 'Rosa', 'Sofia', 'Una', 'Zoe', 'Aisha', 'Ivy', 'Mei',
];
export const maleNames = [
  'Ben', 'Daniel', 'Ethan', 'Isaac', 'Jonah', 'Leo', 'Mateo', 'Noah', 'Omar', 'Samir', 'Theo',
  'Victor', 'Yusuf', 'Caleb', 'Luca', 'Tariq', 'Felix', 'Hugo', 'Kofi', 'Ravi',
];
export const neutralNames = ['Alex', 'Kai', 'Quinn', 'Sam', 'Robin', 'Jules', 'Rowan', 'Sasha', 'Wen', 'Eden', 'Ari', 'Remy'];
export const firstNames = [...femaleNames, ...maleNames, ...neutralNames];

export const surnames = [
  'Adams', 'Baker', 'Castillo', 'Davies', 'Evans', 'Fischer', 'Garcia', 'Hughes', 'Ibrahim', 'Jensen',
  'Kowalski', 'Lopez', 'Morgan', 'Nakamura', 'Okoro', 'Price', 'Quinlan', 'Reyes', 'Singh', 'Turner',
  'Usman', 'Vargas', 'Walsh', 'Xu', 'Young', 'Zimmer', 'Bennett', 'Chen', 'Doyle', 'Ellis',
];

export const cities = [
  'Ashford', 'Brookfield', 'Cedarville', 'Dunmore', 'Eastwick', 'Fairview', 'Glenwood', 'Harrow Vale',
  'Ironbridge', 'Kingsford', 'Lakeside', 'Millbrook', 'Northam', 'Oakridge', 'Pinehurst', 'Redcliff',
  'Stonebridge', 'Thornbury', 'Westfield', 'Willowdale',
];

export const streets = [
  'Maple', 'Oak', 'Birch', 'Willow', 'Chestnut', 'Hawthorn', 'Linden', 'Mill', 'Orchard', 'Park',
  'Meadow', 'River', 'Station', 'Church', 'Victoria', 'Queens', 'Forest', 'Spring', 'Cedar', 'Ash',
];

export const urlPaths = ['about', 'profile', 'page', 'home', 'info', 'blog', 'contact', 'post'];
